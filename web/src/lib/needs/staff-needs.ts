/**
 * The staff view's figures are computed on the device from the pulled reports, so the
 * view updates as soon as a pull brings a new report and opens offline. The rule itself
 * lives in the domain package, shared with the server's `needs.overview`.
 */
export { needsTrend as monthlyTrend, type NeedsTrendRow as TrendRow } from '@icaro/domain';
