/**
 * Like `Promise.all`, but when several of the promises reject, the error thrown is the first one in
 * argument order, not the first to happen: two broken files read at once give the same error on
 * every run. Waits for every promise to settle, so no read is left running behind the error.
 */
export async function allInOrder<T extends readonly unknown[]>(
  promises: { readonly [K in keyof T]: Promise<T[K]> },
): Promise<T> {
  const settled = await Promise.allSettled(promises);
  for (const s of settled) if (s.status === 'rejected') throw s.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
