import { lazy, Suspense } from 'react';
import { Route, Router, Switch } from 'wouter';
import { Loading } from '../components/status.js';
import { AlertsView } from '../views/alerts.view.js';
import { ArticleView } from '../views/article.view.js';
import { ArticlesView } from '../views/articles.view.js';
import { DeadLettersView } from '../views/dead-letters.view.js';
import { EntityView } from '../views/entity.view.js';
import { SettingsView } from '../views/settings.view.js';
import { ShareOfVoiceView } from '../views/share-of-voice.view.js';
import { SourcesView } from '../views/sources.view.js';
import { TopicEditorView } from '../views/topic-editor.view.js';
import { TopicOverviewView } from '../views/topic-overview.view.js';
import { TopicsView } from '../views/topics.view.js';
import { AppProvider } from './app-context.js';
import { AppShell } from './app-shell.js';

// The rule editor validates with the contracts' zod schemas: loaded only when opened.
const AlertRuleEditorView = lazy(() => import('../views/alert-rule-editor.view.js'));

/** Route parameters arrive percent-encoded for non-ASCII ids (Cyrillic entity names). */
function decoded(value: string | undefined): string {
  try {
    return decodeURIComponent(value ?? '');
  } catch {
    return value ?? '';
  }
}

export function App() {
  return (
    <AppProvider>
      <Router base="/app">
        <AppShell>
          <Suspense fallback={<Loading what="the view" />}>
            <Switch>
              <Route path="/">
                <TopicsView />
              </Route>
              <Route path="/topics/new">
                <TopicEditorView />
              </Route>
              <Route path="/topics/:id/edit">{(p) => <TopicEditorView topicId={decoded(p.id)} />}</Route>
              <Route path="/topics/:id">{(p) => <TopicOverviewView key={p.id} topicId={decoded(p.id)} />}</Route>
              <Route path="/entities/:id">{(p) => <EntityView key={p.id} entityId={decoded(p.id)} />}</Route>
              <Route path="/share-of-voice">
                <ShareOfVoiceView />
              </Route>
              <Route path="/articles">
                <ArticlesView />
              </Route>
              <Route path="/articles/:id">{(p) => <ArticleView articleId={decoded(p.id)} />}</Route>
              <Route path="/alerts">
                <AlertsView />
              </Route>
              <Route path="/alert-rules/new">
                <AlertRuleEditorView />
              </Route>
              <Route path="/alert-rules/:id">{(p) => <AlertRuleEditorView key={p.id} ruleId={decoded(p.id)} />}</Route>
              <Route path="/sources">
                <SourcesView />
              </Route>
              <Route path="/dead-letters">
                <DeadLettersView />
              </Route>
              <Route path="/settings">
                <SettingsView />
              </Route>
              <Route>
                <p className="notice">No such page. Start from the topics.</p>
              </Route>
            </Switch>
          </Suspense>
        </AppShell>
      </Router>
    </AppProvider>
  );
}
