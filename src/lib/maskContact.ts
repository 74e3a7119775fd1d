// Masks for contact details in logs: enough to tell two apart, not enough to contact anyone.

/** Masks a phone number to its last three digits: +27821234567 -> *********567. */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  const digits = phone.replace(/\s+/g, '');
  return digits.length <= 3 ? '***' : '*'.repeat(digits.length - 3) + digits.slice(-3);
}

/** Masks an email address: jane.doe@example.com -> j***@example.com. */
export function maskEmail(email: string | null | undefined): string {
  if (!email) return '';
  const at = email.indexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}
