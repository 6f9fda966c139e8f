/**
 * At most `limit` analyses (landscape, step-size sweep, gradient check) at once; a request over
 * the limit gets a 429 at once rather than queueing behind a visitor's burst.
 */
import { tooMany } from '../errors.js';

export class Limiter {
  private running = 0;

  constructor(readonly limit: number) {}

  get active(): number {
    return this.running;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) throw tooMany(`the server is computing ${this.running} analyses, its limit; try again shortly`, 2);
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
    }
  }
}
