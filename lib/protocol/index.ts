export * from './clock';
export * from './envelope';
export * from './headers';
export * from './json';
export * from './jwe';
export * from './keys';
export * from './tran-token';
