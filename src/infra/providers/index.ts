export * from "./errors";
export * from "./retry";
export * from "./circuit-breaker";
export * from "./policy";
export { httpRequest, type FetchLike, type HttpRequest, type HttpResponse } from "./http";
