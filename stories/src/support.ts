import type { ShareStackClient } from '@sharestack/sdk';
import { type FixtureOptions, fixtureClient } from '../fixtures/index.js';

/**
 * Creates the story's client from `parameters.fixture`, fresh for every render, so what a
 * reader posts in one story stays out of the others.
 */
export const fixtureLoader = async ({ parameters }: { parameters: Record<string, unknown> }) => ({
  client: fixtureClient(parameters.fixture as FixtureOptions | undefined),
});

export const loadedClient = ({ loaded }: { loaded: Record<string, unknown> }): ShareStackClient =>
  loaded.client as ShareStackClient;

export type Theme = 'light' | 'dark' | 'auto';

export const dark = { globals: { backgrounds: { value: 'dark' } } } as const;
