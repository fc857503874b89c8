import { lazy, type ComponentType } from 'react';

// The later pages' Mantine styles arrive with the first lazy page or modal opened, once (see mantine-later-pages.css).
let styles: Promise<unknown> | undefined;
const laterPageStyles = (): Promise<unknown> => (styles ??= import('./mantine-later-pages.css'));

/** React.lazy for a page or modal outside the first bundle: its code and the styles of the components it may render. */
export function lazyWithStyles<P extends object>(load: () => Promise<ComponentType<P>>) {
  return lazy(async () => {
    const [component] = await Promise.all([load(), laterPageStyles()]);
    return { default: component };
  });
}
