// What a Svelte island may import for strings and URLs: no string tables, only helpers.
export {
  createT,
  format,
  langTag,
  url,
  isLocale,
  otherLocale,
  type Locale,
  type MessageKey,
  type StringKey,
  type Strings,
  type Translate,
} from './core';
