/** What the import takes at most, shared by the server and the form that checks a file before sending it. */
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;
export const IMPORT_MAX_MEGABYTES = IMPORT_MAX_BYTES / (1024 * 1024);
/** Rows over every table of the file; bounds the work of one import transaction. */
export const IMPORT_MAX_ROWS = 1_000_000;
