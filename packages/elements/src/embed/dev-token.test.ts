import { expect } from '@open-wc/testing';
import { createClient } from '@sharestack/sdk';
import { serverFixture } from '../test/fixtures.js';
import { signInDemoUser } from './dev-token.js';

describe('demo sign-in', () => {
  beforeEach(() => localStorage.removeItem('sharestack:demo-users'));

  it('keeps one identity per name in this browser, and the last one without a name', async () => {
    const fx = await serverFixture();
    const signIn = async (name: string | true) => {
      // Dev tokens exist for the demo site only.
      const client = createClient({ baseUrl: fx.baseUrl, site: 'demo' });
      await signInDemoUser(client, name);
      const viewer = client.$viewer.get()!;
      return { id: viewer.id, name: viewer.name };
    };
    const ann = await signIn('Ann');
    const carol = await signIn('Carol');
    expect(carol.id).to.not.equal(ann.id);
    expect(await signIn('Ann')).to.deep.equal(ann);
    expect(await signIn(true)).to.deep.equal(ann);
    expect(await signIn('Carol')).to.deep.equal(carol);
    // Garbage in storage is a fresh start, not a failure.
    localStorage.setItem('sharestack:demo-users', '{"not":"a list"}');
    const fresh = await signIn('Ann');
    expect(fresh.id).to.not.equal(ann.id);
    expect(fresh.name).to.equal('Ann');
  });
});
