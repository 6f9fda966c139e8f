/**
 * Class templates for the page: the library's `templates()` (each class's weights without the
 * bias, normalized jointly to [0, 1]) packed as 8-bit images, base64 — about 10 KB for MNIST.
 */
import { LinearClassifier, type Matrix } from '@svm/core';
import type { TemplateImages } from '../shared/api-types.js';
import type { PreparedData } from './datasets.js';

export function templateImages(W: Matrix, data: PreparedData, loss: 'svm' | 'softmax'): TemplateImages | undefined {
  const shape = data.imageShape;
  if (!shape) return undefined;
  const model = LinearClassifier.fromWeights(W, data.stats, { loss, classNames: data.classNames, imageShape: shape });
  const templates = model.templates();
  return {
    height: shape[0]!,
    width: shape[1]!,
    channels: shape[2] ?? 1,
    classes: templates.map((t) => {
      const bytes = new Uint8Array(t.pixels.length);
      for (let i = 0; i < bytes.length; i++) bytes[i] = Math.round(t.pixels[i]! * 255);
      return Buffer.from(bytes).toString('base64');
    }),
  };
}
