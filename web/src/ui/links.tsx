import {
  Anchor,
  Button,
  NavLink,
  UnstyledButton,
  type AnchorProps,
  type ButtonProps,
  type ElementProps,
  type NavLinkProps,
  type UnstyledButtonProps,
} from '@mantine/core';
import { createLink } from '@tanstack/react-router';

/*
 * Mantine components that are router links. Their `to`, `params` and `search` are checked against
 * the route tree, as for `<Link>`:
 *
 *   <AnchorLink to="/demandes/$ticketId" params={{ ticketId: t.id }}>…</AnchorLink>
 *
 * (`<Anchor component={Link} to={…}>` renders the same element but loses those types.)
 */

export const AnchorLink = createLink((props: AnchorProps & ElementProps<'a', keyof AnchorProps>) => (
  <Anchor component="a" {...props} />
));

export const ButtonLink = createLink((props: ButtonProps & ElementProps<'a', keyof ButtonProps>) => (
  <Button component="a" {...props} />
));

export const UnstyledButtonLink = createLink(
  (props: UnstyledButtonProps & ElementProps<'a', keyof UnstyledButtonProps>) => (
    <UnstyledButton component="a" {...props} />
  ),
);

export const NavLinkLink = createLink((props: NavLinkProps & ElementProps<'a', keyof NavLinkProps>) => (
  <NavLink component="a" {...props} />
));
