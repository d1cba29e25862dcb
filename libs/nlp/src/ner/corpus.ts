/** A sentence of tokens with their gold BIO tags. */
export interface TaggedSentence {
  tokens: string[];
  tags: string[];
  /**
   * Partial annotation: which tokens' tags are known (an entity's tokens, or words known not to
   * be names). Training takes as gold the best path that agrees with the known tags; without
   * this field every tag is known.
   */
  known?: boolean[];
}

/** A document: document-level features read all of its sentences together. */
export interface TaggedDocument {
  id: string;
  sentences: TaggedSentence[];
}
