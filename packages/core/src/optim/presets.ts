/**
 * Hyper-parameter presets. `train`'s defaults are CS231n's assignment values (for raw CIFAR-10
 * pixels in [0, 255]); the loaders of this library scale pixels to [0, 1], for which `scaled` is
 * the sensible start — learning rates scale with 1/x², regularization with x².
 */
export interface Preset {
  learningRate: number;
  reg: number;
  batchSize: number;
  iterations: number;
  initScale: number;
}

export const presets = {
  /** CS231n assignment 1: lr 1e-7, reg 2.5e4, batch 200, 1500 iterations, W = 0.001·randn (raw pixels). */
  cs231n: { learningRate: 1e-7, reg: 2.5e4, batchSize: 200, iterations: 1500, initScale: 0.001 },
  /** Mean-subtracted data in [0, 1] (the embedded MNIST digits, Fashion-MNIST, CIFAR-10 as loaded here). */
  scaled: { learningRate: 1e-2, reg: 1e-4, batchSize: 200, iterations: 1500, initScale: 0.001 },
} as const satisfies Record<string, Preset>;
