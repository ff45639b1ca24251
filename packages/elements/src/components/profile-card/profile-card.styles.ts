import { css } from 'lit';

export default css`
  :host {
    display: block;
    max-width: 28rem;
  }
  .card {
    padding: 1rem;
    border: 1px solid var(--ss-color-border);
    border-radius: 0.75rem;
    background: var(--ss-color-surface);
  }
  .card--loading,
  .card--missing {
    color: var(--ss-color-text-muted);
  }
  /*
   * Avatar, name and follow button share a line in a card wide enough for the name and date
   * to have room beside the button. In a narrower one (a phone, a sidebar) the button goes on
   * a line of its own below, under the name, rather than squeezing them into a column a word
   * wide. The header is the container (not the host or the card): its own contents never set
   * the card's width, so a card sized to its content (a flex item, say) keeps its size.
   */
  header {
    container: ss-profile-header / inline-size;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 0.75rem;
  }
  .avatar {
    width: 3rem;
    height: 3rem;
    border-radius: 50%;
    object-fit: cover;
    flex: none;
  }
  .avatar--initial {
    display: grid;
    place-items: center;
    background: var(--ss-color-accent-soft);
    color: var(--ss-color-text);
    font-weight: 700;
    font-size: 1.25rem;
  }
  .who {
    flex: 1;
    min-width: 0;
  }
  header ss-follow-button {
    flex: none;
  }
  @container ss-profile-header (max-width: 24rem) {
    /* The line beside the avatar is the name's alone; the button wraps below it, aligned with it. */
    .who {
      flex-basis: calc(100% - 3.75rem);
    }
    header ss-follow-button {
      margin-inline-start: 3.75rem;
    }
  }
  .name {
    margin: 0;
    font-size: 1.125rem;
    overflow-wrap: anywhere;
  }
  .since,
  .badge {
    margin: 0;
    color: var(--ss-color-text-muted);
    font-size: 0.8125em;
  }
  .badge {
    margin-top: 0.5rem;
  }
  .stats {
    display: grid;
    grid-template-columns: repeat(4, 1fr);
    gap: 0.5rem;
    margin: 0.75rem 0 0;
  }
  .stats div {
    display: flex;
    flex-direction: column-reverse;
  }
  dt {
    color: var(--ss-color-text-muted);
    font-size: 0.75em;
  }
  dd {
    margin: 0;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
`;
