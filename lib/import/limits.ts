/** How much one import may hold; shared by the server's checks and the page's early refusal of a big file. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_ROWS = 10_000;
export const MAX_COLUMNS = 200;
