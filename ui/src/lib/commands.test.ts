import { describe, expect, it } from 'vitest';
import { allCommands, filterCommands, fuzzy, register, type PaletteCommand } from './commands';

const cmd = (title: string, group = 'Go to', keywords?: string): PaletteCommand => ({
  id: title.toLowerCase().replace(/\W+/g, '-'),
  title,
  group,
  keywords,
  run: () => {},
});

const titles = (q: string, list: PaletteCommand[]) => filterCommands(list, q).map((m) => m.command.title);

describe('palette fuzzy filter', () => {
  const list = [
    cmd('Journal'),
    cmd('Search'),
    cmd('Trash'),
    cmd('New pairing session', 'New', 'add write'),
    cmd('New feedback', 'New', 'add write'),
    cmd('New learning', 'New', 'add write'),
    cmd('Load the demo journal', 'Journal'),
  ];

  it('matches letters in order, not necessarily adjacent, and nothing else', () => {
    expect(titles('nps', list)).toEqual(['New pairing session']);
    expect(titles('srch', list)).toEqual(['Search']);
    expect(titles('xyz', list)).toEqual([]);
    expect(fuzzy('ay', 'xay a')?.indices).toEqual([1, 2]);
  });

  it('ranks a prefix and word starts above scattered letters', () => {
    expect(titles('jour', list).slice(0, 2)).toEqual(['Journal', 'Load the demo journal']);
    expect(titles('nl', list)[0]).toBe('New learning');
    expect(titles('demo', list)[0]).toBe('Load the demo journal');
  });

  it('finds by group and keywords below title matches, and lists all for no query', () => {
    expect(titles('write', list)).toEqual(['New pairing session', 'New feedback', 'New learning']);
    expect(titles('  ', list)).toEqual(list.map((c) => c.title));
  });

  it('reports the matched title letters for highlighting', () => {
    const m = filterCommands(list, 'nf')[0];
    expect(m.command.title).toBe('New feedback');
    expect(m.indices).toEqual([0, 4]);
  });
});

describe('palette registry', () => {
  it('adds, replaces by key and removes sources; functions are read each time', () => {
    let dynamic = ['A'];
    const offStatic = register('test-static', [cmd('Static')]);
    const offDynamic = register('test-dynamic', () => dynamic.map((t) => cmd(t, 'Saved searches')));
    expect(allCommands().map((c) => c.title)).toEqual(['Static', 'A']);
    dynamic = ['A', 'B'];
    expect(allCommands().map((c) => c.title)).toEqual(['Static', 'A', 'B']);
    const offReplaced = register('test-static', [cmd('Replaced')]);
    offStatic(); // the old remover no longer removes the replacement
    expect(allCommands().map((c) => c.title)).toEqual(['Replaced', 'A', 'B']);
    offReplaced();
    offDynamic();
    expect(allCommands()).toEqual([]);
  });
});
