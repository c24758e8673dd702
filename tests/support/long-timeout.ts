// Integration and browser tests start real processes; Jest's testTimeout is global-only.
jest.setTimeout(180_000);
