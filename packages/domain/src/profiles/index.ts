export * from './identity';
export * from './profile-traits';
