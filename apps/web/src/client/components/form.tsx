/**
 * Settings inputs with inline validation: each field shows what is wrong under it (the page's own
 * check as you type, or the server's 400 naming the field), and the form's action stays disabled
 * while anything is invalid.
 */
import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import type { FieldSpec, FieldSpecs } from '../../shared/fields.js';
import type { Settings } from '../url-state.js';
import { useFocusRescue } from './focus.js';

interface FieldProps {
  name: string;
  spec: FieldSpec;
  value: string;
  error: string | undefined;
  disabled?: boolean;
  onInput(value: string): void;
}

export function Field({ name, spec, value, error, disabled, onInput }: FieldProps) {
  const id = `field-${name}`;
  const errorId = `error-${name}`;
  const common = {
    id,
    name,
    disabled,
    'data-testid': id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? errorId : undefined,
  };
  return (
    <div class={`field${error ? ' invalid' : ''}`}>
      <label for={id}>{spec.label}</label>
      {spec.kind === 'choice' ? (
        // Trimmed as the field's parser trims it: " mnist" from a URL is mnist, not a blank choice.
        <select {...common} value={value.trim()} onChange={(e) => onInput(e.currentTarget.value)}>
          {spec.options.map((o) => (
            <option value={o} key={o}>
              {o}
            </option>
          ))}
        </select>
      ) : (
        // Text, not type=number: the browser would hide what was typed ("abc" reads as "").
        <input {...common} type="text" inputMode="decimal" autocomplete="off" spellcheck={false} value={value} title={spec.hint} onInput={(e) => onInput(e.currentTarget.value)} />
      )}
      {error ? (
        <p class="field-error" id={errorId} data-testid={errorId} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

interface SettingsFormProps<S extends FieldSpecs> {
  specs: S;
  settings: Settings<S>;
  /** Fields to show (default: all), in this order. */
  only?: Array<keyof S & string>;
  disabled?: boolean;
  children?: ComponentChildren;
  onSubmit(): void;
}

export function SettingsForm<S extends FieldSpecs>({ specs, settings, only, disabled, children, onSubmit }: SettingsFormProps<S>) {
  const names = only ?? (Object.keys(specs) as Array<keyof S & string>);
  const actions = useRef<HTMLDivElement>(null);
  useFocusRescue(actions);
  return (
    <form
      class="settings"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (settings.values) onSubmit();
      }}
    >
      <div class="fields">
        {names.map((name) => (
          <Field
            key={name}
            name={name}
            spec={specs[name]!}
            value={settings.raw[name]}
            error={settings.errors[name]}
            disabled={disabled}
            onInput={(v) => settings.set(name, v)}
          />
        ))}
      </div>
      <div class="actions" ref={actions}>
        {children}
      </div>
    </form>
  );
}
