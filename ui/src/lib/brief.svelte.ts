// What the brief view asked for, kept while an entry opened from it is on screen. A null
// field is the core's default (the view shows what the core chose).
import type { BriefRequest } from './generated/types';

export const briefView = $state<{ request: BriefRequest }>({
  request: { person: null, level: null, target: null, since: null, until: null },
});
