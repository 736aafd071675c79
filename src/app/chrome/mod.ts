/**
 * Chrome: what is drawn around every view: the title bar and the header's `show info` lines (header.ts,
 * with header_info.ts for the sums over several sockets), the message line and the DISCONNECTED line
 * (message.ts), and the footer's tabs and hints (footer.ts; the tabs come from the views it is given). It may
 * import model, domain, widgets and the layers below src/app; never a view, the core or the run loop.
 *
 * @module
 */
export {};
