/**
 * The file-based dataset loaders (Node only: they read files with node:fs and inflate with
 * node:zlib). Browser-safe data helpers live in `index.common.ts`.
 */
export { loadIdx, IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, type IdxOptions } from './idx.js';
export {
  loadFashionMnist,
  FASHION_MNIST_CLASSES,
  FASHION_MNIST_DIR,
  type FashionMnistOptions,
} from './fashion-mnist.js';
export { loadCifar10, CIFAR10_CLASSES, CIFAR10_FILES, type Cifar10Options } from './cifar10.js';
export { loadCsv, type CsvOptions } from './csv.js';
