import type { ReactNode } from 'react';
import type { Security } from '../../api';

export function Field(props: { label: string; htmlFor: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={props.htmlFor}>{props.label}</label>
      {props.children}
    </div>
  );
}

export function Check(props: {
  label: string;
  checked: boolean;
  onChange: (value: boolean) => void;
}) {
  return (
    <label className="check">
      <input
        type="checkbox"
        checked={props.checked}
        onChange={(event) => props.onChange(event.target.checked)}
      />
      {props.label}
    </label>
  );
}

export function Radio<T extends string>(props: {
  name: string;
  options: [T, string][];
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <>
      {props.options.map(([value, label]) => (
        <label key={value} className="check">
          <input
            type="radio"
            name={props.name}
            checked={props.value === value}
            onChange={() => props.onChange(value)}
          />
          {label}
        </label>
      ))}
    </>
  );
}

export function SecuritySelect(props: {
  id: string;
  value: Security;
  onChange: (value: Security) => void;
}) {
  return (
    <select
      id={props.id}
      value={props.value}
      onChange={(event) => props.onChange(event.target.value as Security)}
    >
      <option value="tls">TLS (usually port 993 / 465)</option>
      <option value="starttls">STARTTLS (usually port 143 / 587)</option>
      <option value="none">None (unencrypted; local servers only)</option>
    </select>
  );
}
