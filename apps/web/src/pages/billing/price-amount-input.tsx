import { TextInput } from '@mantine/core';
import { currencyDigits, minorUnits } from '../../components/format';
import { useFormat } from '../../components/use-format';

interface PriceAmountInputProps {
  label: string;
  currency: string;
  /** What was typed, in major units ("12.50"). */
  value: string;
  onChange: (typed: string) => void;
  /** A problem from the server for this field. */
  error?: string;
  autoFocus?: boolean;
  /** Default true; false: empty is a valid answer (`emptyDescription` says what it means). */
  required?: boolean;
  readOnly?: boolean;
  /** What the description says of a valid amount, shown formatted (default: what buyers pay). */
  describe?: (shown: string) => string;
  emptyDescription?: string;
}

/** An amount typed in major units of the currency, showing what it is in the currency (or why it is not an amount). */
export function PriceAmountInput({ label, currency, value, onChange, error, autoFocus, required = true, readOnly, describe = (shown) => `Buyers pay ${shown}`, emptyDescription }: PriceAmountInputProps) {
  const format = useFormat();
  const minor = minorUnits(value, currency);
  let digits = 2;
  try {
    digits = currencyDigits(currency);
  } catch {
    // An unknown code: the currency field says so.
  }
  const invalid = value.trim() !== '' && minor === null;
  return (
    <TextInput
      label={label}
      required={required}
      readOnly={readOnly}
      inputMode="decimal"
      autoComplete="off"
      data-autofocus={autoFocus || undefined}
      placeholder={digits ? `0.${'0'.repeat(digits)}` : '0'}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      description={
        minor !== null
          ? describe(format.money(minor, currency))
          : `${value.trim() === '' && emptyDescription ? `${emptyDescription}. ` : ''}In ${currency}${digits ? `, up to ${digits} decimals` : ', whole units (no decimals)'}`
      }
      error={invalid ? `Not an amount in ${currency}${digits ? ` (at most ${digits} decimals)` : ' (it has no decimals)'}` : error}
    />
  );
}
