/** What the one-step training fixture is made from (dump-train-inputs.ts, make_train_fixture.py). */
import { tinyConfig } from '../../src/lib/train/tiny';

export const TRAIN_FIXTURE = { config: tinyConfig('tiny-lite'), seed: 5, n: 4 } as const;
