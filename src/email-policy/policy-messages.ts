// What the customer should change in an email address, and the live check's words.
// src/web/dictionary.ts gathers them.

export const policyEn = {
  'policy.syntax.control':
    'The email address contains invisible control characters. Please type it again.',
  'policy.syntax.space': 'Remove the spaces from the email address.',
  'policy.syntax.backslash': 'Remove the backslash (\\) from the email address.',
  'policy.syntax.quoted': 'Remove the quotation marks (") from the email address.',
  'policy.syntax.comment': 'Remove the brackets ( ) from the email address.',
  'policy.syntax.literal':
    'After the @, enter a domain name such as example.com, not an address in [ ].',
  'policy.syntax.at':
    'An email address has exactly one half-width @ between the name and the domain, like taro@example.com.',
  'policy.syntax.empty':
    'Something is missing before or after the @. Enter the whole address, like taro@example.com.',
  'policy.symbol':
    "Email addresses with symbols other than '.', '-' and '_' before the @ often don't receive our mail. Remove: {chars}",
  'policy.dot_position':
    'The part before the @ cannot start or end with a dot (.). Remove that dot.',
  'policy.consecutive_dots':
    'The part before the @ cannot have two dots in a row (..). Remove one of them.',
  'policy.too_long':
    'This email address has {length} characters; we accept at most 64. Please use a shorter address.',
  'policy.domain_syntax':
    'The part after the @ ("{domain}") is not a domain name. Check it for typos; it looks like example.com.',
  'policy.domain_not_found':
    'The domain "{domain}" does not receive email. Check the part after the @ for typos.',
  'policy.suggestion': 'Did you mean {address}?',
  'policy.warnAgain': 'If this address is right, send the form again to use it anyway.',
  'policy.warnLive': 'You can still use this address if it is right.',
  'policy.checking': 'Checking the address…',
  'policy.looksFine': 'This address looks fine.',
} as const;

export const policyJa: Record<keyof typeof policyEn, string> = {
  'policy.syntax.control':
    'メールアドレスに見えない制御文字が含まれています。もう一度入力してください。',
  'policy.syntax.space': 'メールアドレスからスペースを削除してください。',
  'policy.syntax.backslash': 'メールアドレスからバックスラッシュ（\\）を削除してください。',
  'policy.syntax.quoted': 'メールアドレスから引用符（"）を削除してください。',
  'policy.syntax.comment': 'メールアドレスから括弧（ ）を削除してください。',
  'policy.syntax.literal':
    '@ の後には [ ] で囲んだアドレスではなく、example.com のようなドメイン名を入力してください。',
  'policy.syntax.at':
    'メールアドレスには、名前とドメインの間に半角の「@」がちょうど1つ必要です（例：taro@example.com）。',
  'policy.syntax.empty':
    '@ の前または後が空です。taro@example.com のように、アドレス全体を入力してください。',
  'policy.symbol':
    '@ より前に「.」「-」「_」以外の記号を含むメールアドレスには、当店のメールが届かないことがよくあります。削除してください：{chars}',
  'policy.dot_position':
    '@ より前の部分は、ドット（.）で始めたり終えたりできません。そのドットを削除してください。',
  'policy.consecutive_dots':
    '@ より前の部分に、ドットを2つ続けて（..）使うことはできません。1つ削除してください。',
  'policy.too_long':
    'このメールアドレスは {length} 文字です。64文字以内のアドレスをお使いください。',
  'policy.domain_syntax':
    '@ より後の部分（「{domain}」）がドメイン名になっていません。example.com のような形になっているか、入力ミスがないかご確認ください。',
  'policy.domain_not_found':
    'ドメイン「{domain}」はメールを受け取れません。@ より後の部分に入力ミスがないかご確認ください。',
  'policy.suggestion': '{address} ではありませんか？',
  'policy.warnAgain': 'このアドレスで間違いなければ、もう一度送信するとそのまま使えます。',
  'policy.warnLive': 'このアドレスで間違いなければ、そのままお使いいただけます。',
  'policy.checking': 'アドレスを確認しています…',
  'policy.looksFine': 'このアドレスで問題ありません。',
};
