import { css } from 'lit';

export default css`
  :host {
    display: block;
  }
  form {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 0.5rem;
  }
  label {
    display: grid;
    gap: 0.25rem;
    flex: 1 1 12rem;
    font-size: 0.8125em;
    font-weight: 600;
  }
  label .input {
    font-size: calc(1em / 0.8125);
    font-weight: 400;
  }
  .error {
    flex-basis: 100%;
    margin: 0;
  }
`;
