// Filled in by the foundation work: checks services when REQUIRE_SERVICES=1.
export default async function setup(): Promise<void> {}
