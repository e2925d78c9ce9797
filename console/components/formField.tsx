import type { Children } from '@kitajs/html';

/** A form field in the design system's form group: label, optional hint and error, the error read out with the field. */
export function FormField(props: { id: string; label: string; hint?: string | undefined; error?: string | undefined; children: (describedBy: string | undefined) => Children }): JSX.Element {
  const { id, error } = props;
  const describedBy = [props.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'form-group form-error' : 'form-group'}>
      <label class="form-label" for={id} safe>
        {props.label}
      </label>
      {props.hint && (
        <span class="form-hint" id={`${id}-hint`} safe>
          {props.hint}
        </span>
      )}
      {error && (
        <span class="form-error-message" id={`${id}-error`} safe>
          {error}
        </span>
      )}
      {props.children(describedBy)}
    </div>
  );
}

/** A select of people (or anything with an id and a name), with an optional empty choice first. */
export function PersonSelect(props: { id: string; name: string; people: Array<{ id: string; name: string }>; selected: string | null | undefined; empty?: string; describedBy?: string | undefined }): JSX.Element {
  return (
    <select class="form-select" id={props.id} name={props.name} aria-describedby={props.describedBy}>
      {props.empty !== undefined && (
        <option value="" selected={!props.selected} safe>
          {props.empty}
        </option>
      )}
      {props.people.map((person) => (
        <option value={person.id} selected={props.selected === person.id} safe>
          {person.name}
        </option>
      ))}
    </select>
  );
}
