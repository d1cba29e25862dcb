import { stemmer as englishStemmer } from '@orama/stemmers/english';
import { stemmer as russianStemmer } from '@orama/stemmers/russian';
/** The languages the sentiment models cover. */
export type SentimentLanguage = 'en' | 'ru';

/** Russian words are cut to this many letters: a cheap stem that merges case endings. */
export const RUSSIAN_STEM = 6;

/** Prefix of lexicon keys that are Snowball stems rather than normalised words. */
export const STEM_KEY = '§';

/**
 * The lexicon key of a lower-case Russian word's Snowball stem ({@link STEM_KEY} + stem, ё read
 * as е): how the external Russian lexicon, whose entries are Snowball stems, is looked up.
 */
export function russianStemKey(lower: string): string {
  return STEM_KEY + russianStemmer(lower.includes('ё') ? lower.replace(/ё/g, 'е') : lower);
}

/**
 * The normalised form the models key their weights on: English lower case and stemmed, Russian
 * lower case (ё as е) cut to its first {@link RUSSIAN_STEM} letters, which measured better than
 * the Snowball stem (it also merges derivations: критик, критиковал).
 */
export function normalizeWord(word: string, language: SentimentLanguage): string {
  const lower = word.toLowerCase();
  if (language === 'en') return englishStemmer(lower);
  const plain = lower.includes('ё') ? lower.replace(/ё/g, 'е') : lower;
  return plain.length > RUSSIAN_STEM ? plain.slice(0, RUSSIAN_STEM) : plain;
}

/**
 * Function words that steer tone, per language: negators open a negation scope, contrast
 * markers shift the weight to the clause that follows, intensifiers strengthen the next word,
 * speech verbs mark a reported opinion (whose tone is it?). Read-only; nothing adds to them.
 */
export interface Cues {
  language: SentimentLanguage;
  negators: ReadonlySet<string>;
  /** "but"-words: the clause after them carries the weight. */
  contrasts: ReadonlySet<string>;
  /** "although"-words: they open a subordinate clause (a clause break, no shift of weight). */
  concessives: ReadonlySet<string>;
  intensifiers: ReadonlySet<string>;
  speechVerbs: ReadonlySet<string>;
  pronouns: ReadonlySet<string>;
}

const EN_WORDS = {
  negators: [
    'not',
    'no',
    'never',
    'nor',
    'neither',
    'without',
    'hardly',
    'barely',
    'nobody',
    'nothing',
    'none',
    'cannot',
    'lack',
    'lacks',
    'lacked',
    'failed',
    'fails',
  ],
  contrasts: ['but', 'however', 'yet', 'nevertheless', 'nonetheless'],
  concessives: ['although', 'though', 'despite', 'whereas', 'while'],
  intensifiers: [
    'very',
    'extremely',
    'highly',
    'deeply',
    'really',
    'so',
    'too',
    'most',
    'utterly',
    'totally',
    'completely',
    'absolutely',
    'particularly',
    'especially',
    'incredibly',
    'seriously',
    'fiercely',
    'sharply',
    'strongly',
    'widely',
    'bitterly',
  ],
  speechVerbs: [
    'said',
    'says',
    'say',
    'told',
    'tells',
    'stated',
    'claimed',
    'claims',
    'argued',
    'argues',
    'wrote',
    'writes',
    'tweeted',
    'added',
    'insisted',
    'accused',
    'accuses',
    'called',
    'calls',
    'blamed',
    'blames',
    'praised',
    'praises',
    'criticized',
    'criticised',
    'slammed',
    'warned',
    'declared',
    'announced',
    'according',
    'asked',
    'suggested',
    'noted',
    'explained',
    'responded',
    'replied',
    'acknowledged',
    'admitted',
    'denied',
    'defended',
  ],
  pronouns: [
    'he',
    'she',
    'him',
    'her',
    'his',
    'hers',
    'they',
    'them',
    'their',
    'it',
    'its',
    'himself',
    'herself',
    'themselves',
    'we',
    'us',
    'our',
    'i',
    'me',
    'my',
    'you',
    'your',
  ],
};

const RU_WORDS = {
  negators: ['не', 'нет', 'ни', 'никогда', 'без', 'ничего', 'никто', 'нельзя', 'отказался', 'отказалась', 'отказались'],
  contrasts: ['но', 'однако', 'зато', 'впрочем'],
  concessives: ['хотя', 'несмотря', 'тогда', 'а'],
  intensifiers: [
    'очень',
    'крайне',
    'весьма',
    'совершенно',
    'абсолютно',
    'особенно',
    'сильно',
    'резко',
    'глубоко',
    'чрезвычайно',
    'самый',
    'самая',
    'самое',
    'самые',
    'слишком',
    'полностью',
    'жестко',
    'жёстко',
  ],
  speechVerbs: [
    'сказал',
    'сказала',
    'сказали',
    'заявил',
    'заявила',
    'заявили',
    'сообщил',
    'сообщила',
    'сообщили',
    'отметил',
    'отметила',
    'отметили',
    'подчеркнул',
    'подчеркнула',
    'считает',
    'считают',
    'по',
    'словам',
    'написал',
    'написала',
    'пишет',
    'обвинил',
    'обвинила',
    'обвинили',
    'назвал',
    'назвала',
    'назвали',
    'раскритиковал',
    'раскритиковали',
    'похвалил',
    'признал',
    'признала',
    'добавил',
    'добавила',
    'пояснил',
    'пояснила',
    'ответил',
    'ответила',
    'утверждает',
    'утверждают',
    'говорит',
    'говорят',
    'цитирует',
    'передает',
    'передаёт',
  ],
  pronouns: [
    'он',
    'она',
    'они',
    'его',
    'ее',
    'её',
    'их',
    'ему',
    'ей',
    'им',
    'него',
    'нее',
    'неё',
    'них',
    'мы',
    'я',
    'вы',
  ],
};

function normalizedCues(words: Record<Exclude<keyof Cues, 'language'>, string[]>, language: SentimentLanguage): Cues {
  const set = (list: string[]) => new Set(list.map((w) => normalizeWord(w, language)));
  return {
    language,
    negators: set(words.negators),
    contrasts: set(words.contrasts),
    concessives: set(words.concessives),
    intensifiers: set(words.intensifiers),
    speechVerbs: set(words.speechVerbs),
    pronouns: set(words.pronouns),
  };
}

const CUES: Readonly<Record<SentimentLanguage, Cues>> = {
  en: normalizedCues(EN_WORDS, 'en'),
  ru: normalizedCues(RU_WORDS, 'ru'),
};

/** The cue words of a language, normalised like the text they are matched against. */
export function cuesFor(language: SentimentLanguage): Cues {
  return CUES[language];
}

/** Characters that open or close a quotation; straight quotes toggle. */
export const OPENING_QUOTES = '«“„';
export const CLOSING_QUOTES = '»”';
export const TOGGLING_QUOTES = '"';
/** Punctuation that ends a clause (and with it a negation scope); so does a spaced hyphen. */
export const CLAUSE_PUNCTUATION = ',;:()—–!?.';
