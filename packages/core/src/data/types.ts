import type { Matrix } from '../matrix.js';

/** A labelled dataset as the loaders return it: raw features (pixels in [0, 1]), no bias column. */
export interface Dataset {
  /** N×D float32 features, one example per row. */
  X: Matrix<'float32'>;
  /** N labels in [0, classNames.length). */
  y: Int32Array;
  /** Human-readable class names, index = label. */
  classNames: string[];
  /** [height, width] or [height, width, channels] for image data; absent otherwise. */
  imageShape?: number[];
  /** Where the data came from, for display. */
  name: string;
}
