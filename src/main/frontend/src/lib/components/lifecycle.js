/**
 * What a message row's menu, reactions and reply quote do, given by the message list to each row.
 * @typedef {{
 *   reply: (message: import('$lib/chat-client/types.js').Message) => void,
 *   react: (seq: number, emoji: string) => void,
 *   edit: (seq: number, content: string) => Promise<unknown>,
 *   remove: (seq: number) => void,
 *   openQuote: (seq: number) => void
 * }} MessageLifecycle
 */
export {};
