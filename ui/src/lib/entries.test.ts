import { describe, expect, it } from 'vitest';
import { describeChange, fieldMessage, sentence } from './entries';

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

describe('fieldMessage', () => {
  it("reads as a sentence under the field", () => {
    expect(fieldMessage('impact', 'impact: is required and must not be empty')).toBe('Impact is required and must not be empty');
    expect(fieldMessage('follow_ups', 'follow_ups: must not repeat')).toBe('Follow-ups must not repeat');
    expect(fieldMessage('date', "date: '2026-13-01' is not a date; use YYYY-MM-DD")).toBe("'2026-13-01' is not a date; use YYYY-MM-DD");
    expect(fieldMessage('minutes', 'minutes: whole minutes only')).toBe('Whole minutes only');
  });
});
