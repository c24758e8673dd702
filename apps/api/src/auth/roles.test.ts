import { defaultRequiredRole, forbiddenMessage, roleAllows } from './roles';

describe('roles', () => {
  it('orders viewer < editor < admin', () => {
    expect(roleAllows('viewer', 'viewer')).toBe(true);
    expect(roleAllows('viewer', 'editor')).toBe(false);
    expect(roleAllows('editor', 'viewer')).toBe(true);
    expect(roleAllows('editor', 'admin')).toBe(false);
    expect(roleAllows('admin', 'editor')).toBe(true);
  });

  it('lets viewers read and asks editors for anything else', () => {
    expect(defaultRequiredRole('GET')).toBe('viewer');
    expect(defaultRequiredRole('HEAD')).toBe('viewer');
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'])
      expect(defaultRequiredRole(method)).toBe('editor');
  });

  it('explains a refusal with both roles', () => {
    expect(forbiddenMessage('viewer', 'editor')).toBe(
      'Your role (viewer) can only read: this needs the editor role (create, edit and publish)',
    );
  });
});
