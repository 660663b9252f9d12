// Where the ladder, people and follow-ups views were left, so coming back from an
// entry opened there shows the same level, behaviour or person.
export const ladderView = $state<{ level: string; behaviour: string }>({ level: '', behaviour: '' });
export const peopleView = $state<{ id: number | null }>({ id: null });
export const followUpsView = $state<{ showDone: boolean }>({ showDone: false });
