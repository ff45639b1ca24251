import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './composer.js';
import { pressCtrlEnter } from '../../test/dom.js';
import type { SsComposer } from './composer.component.js';

const parts = (el: SsComposer) => ({
  textarea: el.shadowRoot!.querySelector('textarea')!,
  submit: el.shadowRoot!.querySelector<HTMLButtonElement>('[part=submit]')!,
  counter: el.shadowRoot!.querySelector('[part=counter]')!,
});

describe('<ss-composer>', () => {
  it('counts characters against the limit and blocks text over it', async () => {
    const el = await fixture<SsComposer>(
      html`<ss-composer label="Write" max-length="10" .action=${async () => {}}></ss-composer>`,
    );
    const { textarea, submit, counter } = parts(el);
    expect(submit.disabled).to.be.true;
    textarea.focus();
    await sendKeys({ type: 'hello' });
    await el.updateComplete;
    expect(counter.textContent).to.contain('5/10');
    expect(submit.disabled).to.be.false;
    await sendKeys({ type: ' world!' });
    await el.updateComplete;
    expect(counter.classList.contains('counter--over')).to.be.true;
    expect(textarea.getAttribute('aria-invalid')).to.equal('true');
    expect(submit.disabled).to.be.true;
    await expect(el).to.be.accessible();
  });

  it('submits with Ctrl+Enter, is read-only while sending, and clears on success', async () => {
    let release!: () => void;
    const sent: string[] = [];
    const action = (text: string) => {
      sent.push(text);
      return new Promise<void>((resolve) => (release = resolve));
    };
    const el = await fixture<SsComposer>(html`<ss-composer label="Write" .action=${action}></ss-composer>`);
    const { textarea, submit } = parts(el);
    textarea.focus();
    await sendKeys({ type: '  spaced  ' });
    await pressCtrlEnter();
    await el.updateComplete;
    expect(sent).to.deep.equal(['spaced']);
    expect(textarea.readOnly).to.be.true;
    expect(submit.disabled).to.be.true;
    release();
    await new Promise((r) => setTimeout(r));
    await el.updateComplete;
    expect(textarea.value).to.equal('');
    expect(textarea.readOnly).to.be.false;
  });

  it('dismisses with Escape when dismissible', async () => {
    let dismissed = 0;
    const el = await fixture<SsComposer>(
      html`<ss-composer label="Reply" dismissible .dismiss=${() => dismissed++}></ss-composer>`,
    );
    parts(el).textarea.focus();
    await sendKeys({ press: 'Escape' });
    expect(dismissed).to.equal(1);
    el.shadowRoot!.querySelector<HTMLButtonElement>('.bar .btn:not([part=submit])')!.click();
    expect(dismissed).to.equal(2);
  });
});
