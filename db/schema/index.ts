export * from './users';
export * from './activations';
export * from './nodes';
export * from './settings';
export * from './identity';
export * from './audit';
export * from './resource-groups';
