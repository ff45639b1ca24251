import type { SiteSettingsPatch, SiteWithSecret } from '@sharestack/protocol';
/** The real ShareStack server on a real port with a fresh SQLite database, as SDK users meet it. */
export declare function startLiveServer(): Promise<{
    baseUrl: string;
    newSite(settings?: SiteSettingsPatch): Promise<SiteWithSecret>;
    token(site: SiteWithSecret, sub: string, claims?: Record<string, unknown>): Promise<string>;
    stop(): Promise<void>;
}>;
