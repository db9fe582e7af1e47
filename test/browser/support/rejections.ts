// How tests get at the error of a call that must fail: the YiwangError it rejects or throws with. Anything
// else (a resolve, a return, another kind of error) fails the test.
import { expect } from '@esm-bundle/chai';
import { YiwangError } from '../../../sdk/index.js';

/** The YiwangError `promise` rejects with. */
export async function rejection(promise: Promise<unknown>): Promise<YiwangError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof YiwangError) return error;
    throw new Error(`rejected with a non-YiwangError: ${String(error)}`, { cause: error });
  }
  throw new Error('expected a rejection, but it resolved');
}

/** The YiwangError `run` throws. */
export function thrown(run: () => unknown): YiwangError {
  try {
    run();
  } catch (error) {
    expect(error).to.be.instanceOf(YiwangError);
    return error as YiwangError;
  }
  throw new Error('expected a throw, but it returned');
}
