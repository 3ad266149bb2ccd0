import { describe, expect, it } from 'vitest';
import { clipboardShortcut } from './clipboard-keys';

const key = (code: string, modifiers: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>>, type = 'keydown') => ({
  type,
  code,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...modifiers,
});

describe('clipboardShortcut', () => {
  it('copies and pastes with Ctrl+Shift or Cmd+Shift', () => {
    expect(clipboardShortcut(key('KeyC', { ctrlKey: true, shiftKey: true }))).toBe('copy');
    expect(clipboardShortcut(key('KeyV', { ctrlKey: true, shiftKey: true }))).toBe('paste');
    expect(clipboardShortcut(key('KeyV', { metaKey: true, shiftKey: true }))).toBe('paste');
  });

  it('leaves Ctrl+C and Ctrl+V to the shell', () => {
    expect(clipboardShortcut(key('KeyC', { ctrlKey: true }))).toBeUndefined();
    expect(clipboardShortcut(key('KeyV', { ctrlKey: true }))).toBeUndefined();
  });

  it('ignores key-ups, Alt combinations and other keys', () => {
    expect(clipboardShortcut(key('KeyC', { ctrlKey: true, shiftKey: true }, 'keyup'))).toBeUndefined();
    expect(clipboardShortcut(key('KeyC', { ctrlKey: true, shiftKey: true, altKey: true }))).toBeUndefined();
    expect(clipboardShortcut(key('KeyX', { ctrlKey: true, shiftKey: true }))).toBeUndefined();
  });
});
