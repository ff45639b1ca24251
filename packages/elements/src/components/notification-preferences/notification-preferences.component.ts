import { localized, msg } from '@lit/localize';
import {
  EMAIL_FREQUENCIES,
  type EmailFrequency,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_TYPES,
  type NotificationChannel,
  type NotificationPreferences,
  type NotificationType,
  type PreferencesPatch,
} from '@sharestack/protocol';
import {
  isShareStackError,
  notificationsOf,
  type ShareStackClient,
  type ShareStackError,
} from '@sharestack/sdk';
import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ViewerController } from '../../internal/client-controller.js';
import { emit } from '../../internal/emit.js';
import { problemMessage } from '../../internal/labels.js';
import { notificationTypeLabel } from '../../internal/notification-text.js';
import { adoptLangLocale } from '../../localization.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import { themeStyles } from '../../styles/theme.styles.js';
import styles from './notification-preferences.styles.js';
import { type PushState, pushProblem, pushStateOf, togglePush } from './push.js';

const channelLabel = (c: NotificationChannel): string =>
  ({ in_app: msg('In the app'), email: msg('Email'), push: msg('Push') })[c];

const frequencyLabel = (f: EmailFrequency): string =>
  ({
    instant: msg('Right away'),
    hourly: msg('Hourly digest'),
    daily: msg('Daily digest'),
    off: msg('Never'),
  })[f];

/**
 * @tag ss-notification-preferences
 * @summary The viewer's notification settings: each type on or off per channel (in the app,
 * email, push), how often email comes, and web push for this browser.
 *
 * Channels the server cannot use (no SMTP or no known address; no VAPID keys) are shown
 * disabled with the reason. Web push needs a service worker: give its URL in `service-worker`
 * for the element to register it, or register your own (importing the server's script).
 *
 * @csspart base - The wrapper.
 * @csspart table - The type × channel table.
 * @csspart push - The web push section.
 *
 * @event {SsNotificationPreferencesChangedDetail} ss-notification-preferences-changed - A setting was saved.
 * @event {SsPushChangedDetail} ss-push-changed - Web push was turned on or off in this browser.
 * @event {SsErrorDetail} ss-error - Saving failed and was rolled back. (`detail.action`: `preferences` or `push`)
 */
@localized()
export class SsNotificationPreferences extends LitElement {
  static override styles = [themeStyles, sharedStyles, styles];

  private readonly session = new ViewerController(this);
  private loadedFor?: string;

  @state() private prefs: NotificationPreferences | null = null;
  @state() private error: ShareStackError | null = null;
  @state() private problem = '';
  @state() private announcement = '';
  @state() private push: PushState = 'unknown';

  /** URL of the page's service worker script, registered when the viewer turns web push on. */
  @property({ attribute: 'service-worker' }) serviceWorker?: string;
  /** `light` (the default), `dark`, `auto` (follows the OS), or `inherit`. */
  @property({ reflect: true }) theme?: 'light' | 'dark' | 'auto' | 'inherit';
  @property({ attribute: false }) client?: ShareStackClient;

  override connectedCallback(): void {
    super.connectedCallback();
    adoptLangLocale(this);
  }

  override willUpdate(): void {
    const client = this.session.bind();
    if (this.session.changed) {
      this.loadedFor = undefined;
    }
    const viewer = this.session.viewer;
    if (client && viewer && this.loadedFor !== viewer.id) {
      this.loadedFor = viewer.id;
      void this.load();
    }
  }

  /** Reads the settings again. */
  async load(): Promise<void> {
    const client = this.session.bound;
    if (!client) return;
    this.error = null;
    this.prefs = null;
    try {
      this.prefs = await notificationsOf(client).preferences.get();
      if (this.prefs.push_available) this.push = await pushStateOf(this.serviceWorker);
    } catch (error) {
      if (!isShareStackError(error)) throw error;
      this.error = error;
    }
  }

  private async save(patch: PreferencesPatch, optimistic: NotificationPreferences) {
    const client = this.session.bound;
    const before = this.prefs;
    if (!client || !before) return;
    this.prefs = optimistic;
    this.problem = '';
    try {
      const saved = await notificationsOf(client).preferences.update(patch);
      this.prefs = saved;
      this.announcement = msg('Saved');
      emit(this, 'ss-notification-preferences-changed', { preferences: saved });
    } catch (error) {
      if (!isShareStackError(error)) throw error;
      // Only this change goes back: others made meanwhile stay.
      this.prefs = this.prefs === optimistic ? before : this.prefs;
      this.problem = problemMessage(error);
      emit(this, 'ss-error', { action: 'preferences', error });
    }
  }

  private toggle(type: NotificationType, channel: NotificationChannel, on: boolean) {
    const p = this.prefs;
    if (!p) return;
    const switches = {
      ...p.types[type],
      [channel]: on,
    } as NotificationPreferences['types'][NotificationType];
    void this.save(
      { types: { [type]: { [channel]: on } } },
      { ...p, types: { ...p.types, [type]: switches } },
    );
  }

  private frequency(e: Event) {
    const p = this.prefs;
    if (!p) return;
    const email_frequency = (e.target as HTMLSelectElement).value as EmailFrequency;
    void this.save({ email_frequency }, { ...p, email_frequency });
  }

  private async switchPush() {
    const client = this.session.bound;
    if (!client) return;
    const turnOn = this.push !== 'on';
    this.problem = '';
    this.push = 'busy';
    try {
      const endpoint = await togglePush(client, turnOn, this.serviceWorker);
      this.push = turnOn ? 'on' : 'off';
      this.announcement = turnOn
        ? msg('Push notifications are on in this browser.')
        : msg('Push notifications are off in this browser.');
      emit(this, 'ss-push-changed', { subscribed: turnOn, endpoint });
    } catch (error) {
      this.push = await pushStateOf(this.serviceWorker);
      this.problem = pushProblem(error);
      if (isShareStackError(error)) emit(this, 'ss-error', { action: 'push', error });
    }
  }

  private renderPush(p: NotificationPreferences) {
    if (!p.push_available) return nothing;
    const state = this.push;
    let body: unknown;
    if (state === 'unsupported')
      body = html`<p class="note">${msg('This browser cannot receive push notifications.')}</p>`;
    else if (state === 'no-worker')
      body = html`<p class="note">${msg('This page is not set up for push notifications.')}</p>`;
    else if (state === 'unknown') body = nothing;
    else {
      body = html`<p class="note">
          ${state === 'on' ? msg('Push notifications are on in this browser.') : msg('Get notifications on this device even when the page is closed.')}
        </p>
        <button type="button" class="btn ${state === 'on' ? '' : 'btn--primary'}" data-action="push" ?disabled=${state === 'busy'} @click=${this.switchPush}>
          ${state === 'on' ? msg('Turn off push in this browser') : msg('Turn on push in this browser')}
        </button>`;
    }
    return html`<section class="push" part="push" aria-labelledby="push-title">
      <h3 id="push-title" class="subtitle">${msg('Push on this device')}</h3>
      ${body}
    </section>`;
  }

  private renderTable(p: NotificationPreferences) {
    const off: Partial<Record<NotificationChannel, string>> = {};
    if (!p.email_available) off.email = 'email-note';
    if (!p.push_available) off.push = 'push-note';
    return html`<table part="table" class="table">
      <caption class="sr-only">${msg('Which notifications you get, and where')}</caption>
      <thead>
        <tr>
          <th scope="col">${msg('Notification')}</th>
          ${NOTIFICATION_CHANNELS.map((c) => html`<th scope="col" id="col-${c}">${channelLabel(c)}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${NOTIFICATION_TYPES.map(
          (t) => html`<tr>
            <th scope="row" id="row-${t}">${notificationTypeLabel(t)}</th>
            ${NOTIFICATION_CHANNELS.map(
              (c) => html`<td>
                <input
                  type="checkbox"
                  data-type=${t}
                  data-channel=${c}
                  aria-labelledby="row-${t} col-${c}"
                  aria-describedby=${off[c] ?? nothing}
                  .checked=${p.types[t]?.[c] ?? false}
                  ?disabled=${Boolean(off[c])}
                  @change=${(e: Event) => this.toggle(t, c, (e.target as HTMLInputElement).checked)}
                />
              </td>`,
            )}
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  override render() {
    if (!this.session.viewer) {
      return html`<p class="state">${msg('Sign in to choose your notifications.')}</p>`;
    }
    if (this.error) {
      return html`<div class="state state--error" role="alert">
        <p>${problemMessage(this.error)}</p>
        <button type="button" class="btn" @click=${() => this.load()}>${msg('Try again')}</button>
      </div>`;
    }
    const p = this.prefs;
    if (!p) return html`<p class="state" role="status">${msg('Loading your settings…')}</p>`;
    return html`<section part="base" class="base" aria-labelledby="title">
      <h2 id="title" class="title">${msg('Notification settings')}</h2>
      ${this.renderTable(p)}
      ${p.email_available ? nothing : html`<p id="email-note" class="note">${msg('Email is not available: this site does not send email, or it does not know your address.')}</p>`}
      ${p.push_available ? nothing : html`<p id="push-note" class="note">${msg('Push notifications are not set up on this site.')}</p>`}
      <div class="field">
        <label for="frequency">${msg('Email frequency')}</label>
        <select
          id="frequency"
          class="input"
          ?disabled=${!p.email_available}
          aria-describedby=${p.email_available ? nothing : 'email-note'}
          @change=${this.frequency}
        >
          ${EMAIL_FREQUENCIES.map(
            (f) =>
              html`<option value=${f} ?selected=${p.email_frequency === f}>${frequencyLabel(f)}</option>`,
          )}
        </select>
      </div>
      ${this.renderPush(p)}
      ${this.problem ? html`<p role="alert" class="error">${this.problem}</p>` : nothing}
      <p class="sr-only" role="status">${this.announcement}</p>
    </section>`;
  }
}
