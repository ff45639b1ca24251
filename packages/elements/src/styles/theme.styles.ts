import { css } from 'lit';

/**
 * Design tokens of a top-level element. Inner elements declare none and inherit, so a theme set
 * on `<ss-comments>` reaches every comment; `theme="inherit"` opts a nested top-level element out.
 * The dark tokens appear twice (explicit and `auto`) so the template minifier can read the sheet.
 * Page rules on the host (`ss-comments { --ss-color-accent: … }`) win over these `:host` rules.
 */
export const themeStyles = css`
  :host(:not([theme='inherit'])) {
    --ss-color-text: #1f2328;
    --ss-color-text-muted: #59636e;
    --ss-color-bg: #ffffff;
    --ss-color-surface: #f6f8fa;
    --ss-color-border: #d1d9e0;
    --ss-color-accent: #0969da;
    --ss-color-accent-contrast: #ffffff;
    --ss-color-accent-soft: #ddf4ff;
    --ss-color-danger: #cf222e;
    --ss-color-focus: #0969da;
    --ss-color-skeleton: #eaeef2;
    --ss-avatar-lightness: 88%;
    --ss-font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', sans-serif;
    --ss-font-size: 0.9375rem;
    --ss-line-height: 1.5;
    --ss-radius: 8px;
    --ss-spacing: 0.75rem;
    --ss-avatar-size: 2rem;
    --ss-indent: 1.25rem;
  }
  :host([theme='dark']) {
    --ss-color-text: #e6edf3;
    --ss-color-text-muted: #9198a1;
    --ss-color-bg: #0d1117;
    --ss-color-surface: #151b23;
    --ss-color-border: #3d444d;
    --ss-color-accent: #4493f8;
    --ss-color-accent-contrast: #0d1117;
    --ss-color-accent-soft: #1f3a5f;
    --ss-color-danger: #f85149;
    --ss-color-focus: #4493f8;
    --ss-color-skeleton: #262c36;
    --ss-avatar-lightness: 30%;
    color-scheme: dark;
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      --ss-color-text: #e6edf3;
      --ss-color-text-muted: #9198a1;
      --ss-color-bg: #0d1117;
      --ss-color-surface: #151b23;
      --ss-color-border: #3d444d;
      --ss-color-accent: #4493f8;
      --ss-color-accent-contrast: #0d1117;
      --ss-color-accent-soft: #1f3a5f;
      --ss-color-danger: #f85149;
      --ss-color-focus: #4493f8;
      --ss-color-skeleton: #262c36;
      --ss-avatar-lightness: 30%;
      color-scheme: dark;
    }
  }
`;
