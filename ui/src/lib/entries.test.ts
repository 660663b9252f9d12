import { describe, expect, it } from 'vitest';
import { describeChange, sentence } from './entries';

describe('describeChange', () => {
  it('names the changed fields as the form does', () => {
    expect(describeChange(1, [])).toBe('Created');
    expect(describeChange(2, ['title', 'follow_ups'])).toBe('Changed: Title, Follow-ups');
    expect(describeChange(3, [])).toBe('No change in content');
  });
});

describe('sentence', () => {
  it('capitalises only the first letter', () => {
    expect(sentence('received')).toBe('Received');
    expect(sentence('pairing session')).toBe('Pairing session');
    expect(sentence('')).toBe('');
  });
});
