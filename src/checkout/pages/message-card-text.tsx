/** A message card's text with its line breaks kept (the page's styles allow no inline CSS). */
export function MessageCardText({ text }: { text: string }) {
  const lines = text.split('\n');
  return (
    <p class="message-card-text">
      {lines.map((line, i) => (
        <>
          {i > 0 && <br />}
          {line}
        </>
      ))}
    </p>
  );
}
