export const ROUTING_RULES = Symbol('ROUTING_RULES');
