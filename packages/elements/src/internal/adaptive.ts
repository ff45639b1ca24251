/**
 * Adaptive loading (the live-comment seed): how much of a thread to fetch from what the browser
 * says about the connection. Network Information is Chromium-only; elsewhere we assume medium.
 */
export type ConnectionQuality = 'high' | 'medium' | 'low';

interface NetworkInformation {
  effectiveType?: string;
  saveData?: boolean;
}

export function connectionQuality(nav: Navigator = navigator): ConnectionQuality {
  const connection = (nav as Navigator & { connection?: NetworkInformation }).connection;
  if (!connection) return 'medium';
  if (connection.saveData) return 'low';
  const type = connection.effectiveType;
  if (type === 'slow-2g' || type === '2g') return 'low';
  return type === '4g' ? 'high' : 'medium';
}

/** The seed's batch sizes; slow connections get top-level comments only, replies on demand. */
export const LOADING: Record<ConnectionQuality, { limit: number; replies: boolean }> = {
  high: { limit: 50, replies: true },
  medium: { limit: 30, replies: true },
  low: { limit: 15, replies: false },
};
