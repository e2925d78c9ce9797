import type { Children } from '@kitajs/html';
import type { OrganisationSettings } from '../../bot/settings/organisationSettings.js';
import { FormField } from '../components/formField.js';
import { CsrfField, type PageContext } from '../components/layout.js';
import type { FieldErrors, SettingsSection } from './settingsForms.js';

/** What the settings forms show: the settings, the values in the fields, and a refusal or a save to report. */
export interface SettingsModel {
  settings: OrganisationSettings;
  /** Active colleagues, for the on-call choice. */
  people: Array<{ id: string; name: string }>;
  values: Record<string, string>;
  /** The section whose form was refused, and why, field by field. */
  refused?: { section: SettingsSection; errors: FieldErrors } | undefined;
  saved?: SettingsSection | undefined;
}

export interface FieldProps {
  page: PageContext;
  model: SettingsModel;
  section: SettingsSection;
  name: string;
  label: string;
  hint?: string;
}

export const idOf = (name: string) => `f-${name.replace(/\./g, '-')}`;

export function errorOf(model: SettingsModel, section: SettingsSection, name: string): string | undefined {
  return model.refused?.section === section ? model.refused.errors[name] : undefined;
}

/** A settings field: the shared form group, with the schema's complaint in the reader's words. */
export function Field(props: FieldProps & { children: (describedBy: string | undefined) => Children }): JSX.Element {
  const { page, model, section, name } = props;
  const error = errorOf(model, section, name);
  return (
    <FormField id={idOf(name)} label={props.label} hint={props.hint} error={error ? page.t(`settings.errors.${error}`) : undefined}>
      {props.children}
    </FormField>
  );
}

export function TextInput(props: FieldProps & { type?: string; inputmode?: string; width?: string }): JSX.Element {
  return (
    <Field {...props}>
      {(describedBy) => (
        <input
          class={`form-input ${props.width ?? ''}`}
          id={idOf(props.name)}
          name={props.name}
          type={props.type ?? 'text'}
          inputmode={props.inputmode}
          value={props.model.values[props.name] ?? ''}
          aria-describedby={describedBy}
          aria-invalid={errorOf(props.model, props.section, props.name) ? 'true' : undefined}
        />
      )}
    </Field>
  );
}

export function SectionForm(props: { page: PageContext; model: SettingsModel; section: SettingsSection; children: Children }): JSX.Element {
  const { page, model, section } = props;
  const formError = errorOf(model, section, 'form');
  return (
    <section class="settings-section" aria-labelledby={`${section}-title`} id={section}>
      <h2 id={`${section}-title`} safe>
        {page.t(`settings.${section}.title`)}
      </h2>
      <p class="settings-intro" safe>
        {page.t(`settings.${section}.intro`)}
      </p>
      {model.saved === section && (
        <div class="alert alert-success" role="status">
          <p class="alert-text" safe>
            {page.t('settings.saved')}
          </p>
        </div>
      )}
      {formError && (
        <div class="alert alert-error" role="alert">
          <p class="alert-text" safe>
            {page.t(`settings.errors.${formError}`)}
          </p>
        </div>
      )}
      <form method="post" action={`/console/settings/${section}`} novalidate>
        <CsrfField page={page} />
        {props.children}
        <button type="submit" class="button button-primary">
          {page.t('settings.save')}
        </button>
      </form>
    </section>
  );
}
