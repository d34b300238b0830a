// Plain shapes for the public pages: names and links only, never staff data.
export interface PortalDistrictView {
  code: string;
  name: string;
  neighbourhoods: string[];
}

export interface PortalChrome {
  /** «شهرداری منطقه ۲۱ تهران», or the product name before the region exists. */
  siteName: string;
}
