package io.exchangebus.connectors.core.book;

/**
 * What a book stream that sends its own snapshot carries, read from one message: the snapshot, or a diff. A
 * connector that reads its frames straight into these hands them to {@link ResubscribingBookFeed#onMessage} with no
 * event made in between; the book's own events are what gets published.
 */
public sealed interface BookMessage permits BookSnapshot, BookDiff {
}
