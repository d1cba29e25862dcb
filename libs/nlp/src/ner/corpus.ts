/** A sentence of tokens with their gold BIO tags. */
export interface TaggedSentence {
  tokens: string[];
  tags: string[];
}

/** A document: document-level features read all of its sentences together. */
export interface TaggedDocument {
  id: string;
  sentences: TaggedSentence[];
}
