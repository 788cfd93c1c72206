/** How much of a back-fill one pass takes in: whichever of the two comes first. */
export interface BackfillSlice {
  readonly messages: number;
  readonly seconds: number;
}

/**
 * What is left of a back-filling pass's slice: messages taken in and time
 * spent count against it, over every folder the pass visits.
 */
export function sliceBudget(slice: BackfillSlice) {
  const ends = Date.now() + slice.seconds * 1000;
  let taken = 0;
  return {
    took: (messages: number) => {
      taken += messages;
    },
    spent: () => taken >= slice.messages || Date.now() >= ends,
  };
}

export type SliceBudget = ReturnType<typeof sliceBudget>;
