import raw from './model.json' with { type: 'json' };
import type { SpamModel } from './naive-bayes.js';

/** The base model train.ts wrote (bundled with the server, so no file lookup at run time). */
export const baseSpamModel = raw as unknown as SpamModel;
