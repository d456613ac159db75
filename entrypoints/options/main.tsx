/** The options page: wiring only (the view is components/options-view.tsx). */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { OptionsView } from '../../components/options-view';
import { ALL_SITES } from '../../lib/ext/everywhere';
import { useLoadable } from '../../hooks/use-loadable';
import { usePageChrome } from '../../hooks/use-page-chrome';
import { useSettings } from '../../hooks/use-settings';
import { useFollows, useHistory, usePersonalActions, useRefreshKey } from '../../hooks/use-personal';
import '../../components/theme.css';

/** The optional permission badges everywhere needs (the same patterns the background registers its script on). */
const ALL_SITES_PERMISSION = { origins: ALL_SITES };

function App() {
  const { settings, save } = useSettings();
  const { version: _version, ...chrome } = usePageChrome();
  const [refresh, bump] = useRefreshKey();
  const actions = usePersonalActions(bump);
  const history = useHistory(refresh);
  const follows = useFollows(refresh);
  const permission = useLoadable(
    () => browser.permissions.contains(ALL_SITES_PERMISSION),
    [settings?.badgesEverywhere],
  );

  const setBadgesEverywhere = async (on: boolean): Promise<boolean> => {
    if (on) {
      // Asked first, before any await: the browser only shows the prompt within the click's user gesture.
      const granted = await browser.permissions.request(ALL_SITES_PERMISSION);
      if (!granted) return false;
      await save({ badgesEverywhere: true });
      return true;
    }
    await save({ badgesEverywhere: false });
    await browser.permissions.remove(ALL_SITES_PERMISSION);
    return true;
  };

  return (
    <OptionsView
      settings={settings}
      onSave={save}
      onBadgesEverywhere={setBadgesEverywhere}
      hasAllSitesPermission={permission.value}
      personal={{
        history,
        follows,
        onDeleteHistory: actions.deleteHistory,
        onClearHistory: actions.clearHistory,
        onRestoreHistory: actions.restoreHistory,
        onFollow: actions.follow,
        onUnfollow: actions.unfollow,
      }}
      {...chrome}
    />
  );
}

render(<App />, document.getElementById('app')!);
